import { fail, pass, unknown } from '../../outcomes';
import { CheckDefinition } from '../../types';
import { gatewayModel } from './gatewayModel';

export const skuWafV2: CheckDefinition = {
  id: 'ingress.appgw.sku-waf-v2',
  flow: 'ingress',
  severity: 'high',
  level: 'required',
  title: 'Gateway uses the WAF_v2 SKU.',
  why: 'The web application firewall is an integral part of the ingress design and needs the WAF_v2 SKU; Standard_v2 has no WAF engine and the v1 SKUs are retired.',
  remediation:
    "Migrate the gateway to `sku: {name: 'WAF_v2', tier: 'WAF_v2'}`.",
  documentationUrl:
    'https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview',
  evaluate(context) {
    const lookup = gatewayModel(context);
    if (!lookup.found) {
      return lookup.outcome;
    }
    const model = lookup.value;

    const path =
      model.skuTier !== undefined
        ? 'properties.sku.tier'
        : 'properties.sku.name';
    const sku = model.skuTier ?? model.skuName;
    const skuLabel =
      model.skuName && model.skuTier && model.skuName !== model.skuTier
        ? `${model.skuName} (tier ${model.skuTier})`
        : sku;
    const evidence = [
      {
        resource: model.resource.id,
        path,
        observed: sku ?? null,
        expected: 'WAF_v2',
        note:
          model.skuName !== undefined
            ? `sku.name is ${model.skuName}`
            : undefined,
      },
    ];
    if (sku === undefined) {
      return unknown(
        'missing-property',
        `Application Gateway ${model.resource.name} shows neither sku.tier nor sku.name, so its SKU cannot be judged.`,
        evidence,
      );
    }
    if (sku.toLowerCase() === 'waf_v2') {
      return pass(
        `Application Gateway ${model.resource.name} uses the ${skuLabel} SKU.`,
        evidence,
      );
    }

    const detail =
      model.skuFamily === 'v1'
        ? 'a retired v1 SKU'
        : 'a SKU without the WAF_v2 engine';
    return fail(
      `Application Gateway ${model.resource.name} uses ${skuLabel}, ${detail}; WAF_v2 is required.`,
      evidence,
    );
  },
};
