import {
  AssessmentHistoryEntry,
  CheckCatalogResponse,
  CheckLevel,
  emptyVerdictCounts,
  EntityAssessmentResponse,
  EntityHistoryResponse,
  EntityRefreshResponse,
  FleetResponse,
  FleetTrendResponse,
  Flow,
  FLOWS,
  JsonValue,
  SEVERITIES,
  toVerdict,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import { z } from 'zod';

// The schemas check every field the plugin reads, so a malformed body fails
// here with the path of the bad field instead of crashing a component. A
// verdict the plugin does not know is no error. It becomes `unknown`, because
// data that cannot be interpreted must never look like a pass.

const LEVELS: readonly CheckLevel[] = ['required', 'baseline', 'advisory'];

// A missing verdict is `unknown` too.
const verdictSchema = z.unknown().transform(toVerdict).default('unknown');

// A missing or null verdict stays absent, as in a check that was not run before.
const optionalVerdictSchema = z
  .unknown()
  .transform(value => (value === null ? undefined : toVerdict(value)))
  .optional();

const flowSchema = z.enum(FLOWS as readonly Flow[]);
const severitySchema = z.enum(SEVERITIES);
const countSchema = z.number().int().nonnegative();

// Counts under a name that is not a verdict are added to `unknown`.
const verdictCountsSchema = z
  .record(z.string(), countSchema)
  .transform((raw): VerdictCounts => {
    const counts = emptyVerdictCounts();
    for (const [name, count] of Object.entries(raw)) {
      counts[toVerdict(name)] += count;
    }
    return counts;
  });

const flowVerdictsSchema = z.object({
  ingress: verdictSchema,
  egress: verdictSchema,
  'pod-to-pod': verdictSchema,
  management: verdictSchema,
});

const evidenceSchema = z.object({
  resource: z.string().optional(),
  path: z.string().optional(),
  // Observed and expected values are any JSON the server read or requires.
  observed: z.custom<JsonValue>().optional(),
  expected: z.custom<JsonValue>().optional(),
  elements: z.array(z.string()).optional(),
  note: z.string().optional(),
});

const checkResultSchema = z.object({
  checkId: z.string(),
  flow: flowSchema,
  severity: severitySchema,
  level: z.enum(LEVELS),
  title: z.string(),
  verdict: verdictSchema,
  reason: z.string().optional(),
  message: z.string(),
  evidence: z.array(evidenceSchema),
  remediation: z.string(),
  documentationUrl: z.string(),
});

const assessmentSchema = z.object({
  evaluatedAt: z.string(),
  verdict: verdictSchema,
  flows: z.array(
    z.object({
      flow: flowSchema,
      verdict: verdictSchema,
      counts: verdictCountsSchema,
    }),
  ),
  checks: z.array(checkResultSchema),
  counts: verdictCountsSchema,
});

const entityAssessmentShape = {
  entityRef: z.string(),
  assessment: assessmentSchema,
  source: z.string(),
  stale: z.boolean(),
  staleReason: z.string().optional(),
  failedReads: z.array(
    z.object({
      target: z.string(),
      reason: z.string(),
      message: z.string(),
    }),
  ),
  lastComplete: z
    .object({
      evaluatedAt: z.string(),
      verdict: verdictSchema,
      flows: flowVerdictsSchema,
      counts: verdictCountsSchema,
      stale: z.literal(true),
    })
    .optional(),
};

export const entityAssessmentResponseSchema: z.ZodType<
  EntityAssessmentResponse,
  unknown
> = z.object(entityAssessmentShape);

export const entityRefreshResponseSchema: z.ZodType<
  EntityRefreshResponse,
  unknown
> = z.object({ ...entityAssessmentShape, refreshedAt: z.string() });

const historyEntrySchema: z.ZodType<AssessmentHistoryEntry, unknown> = z.object(
  {
    evaluatedAt: z.string(),
    verdict: verdictSchema,
    flows: flowVerdictsSchema,
    counts: verdictCountsSchema,
    source: z.string(),
    changes: z
      .object({
        previousVerdict: optionalVerdictSchema,
        flows: z.partialRecord(flowSchema, verdictSchema),
        checks: z.array(
          z.object({
            checkId: z.string(),
            title: z.string().optional(),
            from: optionalVerdictSchema,
            to: optionalVerdictSchema,
          }),
        ),
      })
      .optional(),
  },
);

export const entityHistoryResponseSchema: z.ZodType<
  EntityHistoryResponse,
  unknown
> = z.object({
  entityRef: z.string(),
  items: z.array(historyEntrySchema),
  total: countSchema,
  limit: countSchema,
  offset: countSchema,
});

export const fleetResponseSchema: z.ZodType<FleetResponse, unknown> = z.object({
  items: z.array(
    z.object({
      entityRef: z.string(),
      title: z.string().optional(),
      owner: z.string().optional(),
      system: z.string().optional(),
      clusterId: z.string().optional(),
      verdict: verdictSchema,
      flows: flowVerdictsSchema,
      // Counts under a severity the plugin does not know are dropped.
      failingBySeverity: z.object({
        critical: countSchema.optional(),
        high: countSchema.optional(),
        medium: countSchema.optional(),
        low: countSchema.optional(),
        info: countSchema.optional(),
      }),
      evaluatedAt: z.string(),
      stale: z.boolean(),
      failedReads: countSchema,
    }),
  ),
  total: countSchema,
  limit: countSchema,
  offset: countSchema,
  verdictCounts: verdictCountsSchema,
  flowCounts: z.object({
    ingress: verdictCountsSchema,
    egress: verdictCountsSchema,
    'pod-to-pod': verdictCountsSchema,
    management: verdictCountsSchema,
  }),
});

export const fleetTrendResponseSchema: z.ZodType<FleetTrendResponse, unknown> =
  z.object({
    points: z.array(
      z.object({
        date: z.string(),
        failingChecks: countSchema,
        failingEntities: countSchema,
        entities: countSchema,
      }),
    ),
  });

export const checkCatalogResponseSchema: z.ZodType<
  CheckCatalogResponse,
  unknown
> = z.object({
  checks: z.array(
    z.object({
      id: z.string(),
      flow: flowSchema,
      severity: severitySchema,
      level: z.enum(LEVELS),
      title: z.string(),
      why: z.string(),
      remediation: z.string(),
      documentationUrl: z.string(),
    }),
  ),
});
