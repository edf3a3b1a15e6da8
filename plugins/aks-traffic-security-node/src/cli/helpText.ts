/** The text that `aks-traffic-security --help` prints. */
export const HELP_TEXT = `Usage: aks-traffic-security check [options] <file-or-directory>...
       aks-traffic-security checks

Assesses the traffic-flow security of a service on Azure Kubernetes Service
from saved Azure Resource Manager JSON and Kubernetes YAML, and prints a
verdict for every check.

Commands:
  check    Evaluate the given files and directories. Directories are read
           recursively for .json, .yaml and .yml files; hidden files and
           folders and node_modules are skipped. ARM JSON may be a GET body,
           az ... show or az ... list output (-o json), an ARM list page, an
           ARM template or an API example file.
  checks   List the checks of the catalog.

Options of check:
  -f, --format <format>        Output format: table (default), json, or sarif
                               (SARIF 2.1.0 for GitHub code scanning and
                               Azure DevOps).
  --policy <file>              Organisation policy in YAML with the fields
                               disabledChecks, severityOverrides,
                               approvedCipherSuites,
                               acceptedNetworkPolicyEngines and
                               requireTlsToPod.
  --host-name <name>           A public host name of the service. Repeat the
                               option or separate names with commas.
  -n, --namespace <namespace>  The service's Kubernetes namespace. Objects of
                               other namespaces are ignored.
  --cluster-id <id>            ARM id of the AKS cluster, needed when the
                               files contain more than one cluster.
  --gateway-id <id>            ARM id of the Application Gateway, needed when
                               the files contain more than one gateway.
  --internal-domain-suffix <suffix>
                               Private DNS suffix of the internal ingress
                               hop, for example aks-ingress.contoso.com.
  --repository                 Judge the files as a service repository, as
                               the Backstage scaffolder gate does: checks of
                               resources the files do not contain (cluster,
                               WAF policy, Key Vault, firewall, route tables),
                               gateway-wide settings the gateway file does not
                               declare, and undecided checks of the ingress
                               controller report unknown with reason
                               needs-live-data and never fail. As the gate
                               does, the command then also exits with 1 when
                               a file cannot be read, a check the files
                               should decide is unknown, a Secret sets data
                               or stringData, another object contains a
                               private key, an object's name or namespace
                               is not a string, an object is of a kind no
                               check judges or in another namespace than
                               --namespace, a gateway file is not the
                               --gateway-id gateway, or a directory
                               contains a hidden directory or resource
                               file, a node_modules folder or a
                               kustomization.
  --deployed-gateway-property <key>
                               With --repository: a key of properties in the
                               gateway file that the deployment sends, such
                               as httpListeners. When given, any other
                               setting in that file exits with 1, because
                               the live gateway would keep its own value.
                               Repeat the option or separate keys with
                               commas.
  --require-pass <id>          A check that must pass or be not applicable;
                               any other verdict exits with 1, as the
                               scaffolder gate's requirePass input does.
                               Repeat the option or separate ids with
                               commas.
  --waf-policy-id <id>         With --repository: the ARM id of the WAF
                               policy that every listener must attach.
  --key-vault-name <name>      With --repository: the Key Vault that the
                               SecretProviderClasses and the gateway's
                               certificates must read.
  --tenant-id <id>             With --repository: the tenant the
                               SecretProviderClasses must set.
  --workload-identity-client-id <id>
                               With --repository: the only identity the
                               SecretProviderClasses may read Key Vault with.
  --public-certificate-name <name>
                               With --repository: the Key Vault secret of
                               the listener certificates.
  --internal-certificate-name <name>
  --trusted-root-certificate-name <name>
                               With --repository: the Key Vault objects the
                               SecretProviderClasses may read; the second is
                               also the gateway's trusted root secret.
                               A file that differs from one of these values
                               exits with 1, as the scaffolder gate rejects
                               a workspace that differs from its inputs.
  -h, --help                   Print this help.

A file named on the command line must be a readable resource file. Files
found in a directory that are not resources are reported on standard error
and skipped.

Exit status: 0 when no check fails, 1 when a check fails (or, with
--repository, the repository is rejected), 2 for a usage or input error.
`;
