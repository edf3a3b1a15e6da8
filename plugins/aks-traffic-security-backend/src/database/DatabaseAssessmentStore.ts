import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  Assessment,
  FleetEntry,
  emptyVerdictCounts,
  Flow,
  FLOWS,
  LastCompleteAssessment,
  ReadFailure,
  Severity,
  Verdict,
  VerdictCounts,
} from '@aks-traffic-security/plugin-aks-traffic-security-common';
import {
  AssessedEntity,
  AssessmentStore,
  FleetCounts,
  FleetFilter,
  FleetOrder,
  HistoryPage,
  HistoryRecord,
  NewAssessment,
  PreparedAssessment,
  StoredAssessment,
  StoredAssessmentJson,
} from './AssessmentStore';
import { compactAssessment, expandAssessment } from './compactAssessment';
import { expandAssessmentJson } from './expandAssessmentJson';
import {
  applyFleetFilter,
  applyFleetOrder,
  FLEET_COLUMNS,
  FLOW_COLUMNS,
  SEVERITY_COLUMNS,
} from './fleetQuery';
import { BatchedRead } from './BatchedRead';
import { ThrottledRead } from './ThrottledRead';

const migrationsDir = resolvePackagePath(
  '@aks-traffic-security/plugin-aks-traffic-security-backend',
  'migrations',
);

export const ASSESSMENTS_TABLE = 'aks_traffic_security_assessments';
export const HISTORY_TABLE = 'aks_traffic_security_history';
/** The one-row table whose counter each write of latest assessments increases. */
export const FLEET_REVISION_TABLE = 'aks_traffic_security_fleet_revision';

// Keeps each statement well below the bound-parameter limits of SQLite and PostgreSQL.
const WHERE_IN_BATCH_SIZE = 500;

// The bound values of one multi-row insert; SQLite before 3.32 allows 999.
const MAX_BINDINGS = 999;

/** The columns of an entity's latest assessment, without the fleet summary. */
const ASSESSMENT_COLUMNS = [
  'entity_ref',
  'assessment',
  'source',
  'stale',
  'stale_reason',
  'refreshed_at',
  'failed_reads',
  'last_complete_at',
  'scope_key',
];

/** The query of some entities' latest assessments, in PostgreSQL's own syntax. */
const READ_ASSESSMENTS_POSTGRESQL = `SELECT ${ASSESSMENT_COLUMNS.join(
  ', ',
)} FROM ${ASSESSMENTS_TABLE} WHERE entity_ref = ANY($1)`;

/** The maximum number of entities whose latest assessments one query reads. */
const MAX_ROWS_PER_READ = 100;

/**
 * How long the fleet version read from the database is reused, and so how
 * late writes through other store instances, such as other backend
 * instances on the same database, change it.
 */
export const FLEET_VERSION_MAX_AGE_MS = 1000;

/** The latest assessments and their history in the plugin's database. */
export class DatabaseAssessmentStore implements AssessmentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /**
     * The monotonic clock, in milliseconds, that ages the fleet version read
     * from the database; `performance.now` by default.
     */
    now?: () => number;
  }): Promise<DatabaseAssessmentStore> {
    const client = await options.database.getClient();

    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }

    return new DatabaseAssessmentStore(client, options.now);
  }

  /** The writes of latest assessments through this instance. */
  private fleetWrites = 0;
  private readonly databaseFleetVersion: ThrottledRead<string>;
  private readonly assessmentRows: BatchedRead<Record<string, any>>;

  private constructor(private readonly db: Knex, now?: () => number) {
    this.assessmentRows = new BatchedRead(
      entityRefs => this.readAssessmentRows(entityRefs),
      { maxBatchSize: MAX_ROWS_PER_READ },
    );
    this.databaseFleetVersion = new ThrottledRead(
      () => this.readFleetVersion(),
      { maxAgeMs: FLEET_VERSION_MAX_AGE_MS, now },
    );
  }

  async saveAssessment(record: NewAssessment): Promise<void> {
    await this.saveAssessments([record]);
  }

  async saveAssessments(records: NewAssessment[]): Promise<void> {
    await this.savePreparedAssessments(
      records.map(record => this.prepareAssessment(record)),
    );
  }

  prepareAssessment(record: NewAssessment): PreparedAssessment {
    return {
      entityRef: record.entity.entityRef,
      latest: toLatestRow(record),
      history: toHistoryRow(record),
    };
  }

  async savePreparedAssessments(records: PreparedAssessment[]): Promise<void> {
    if (records.length === 0) {
      return;
    }

    // A statement may change a row only once. So an entity saved twice in
    // one call keeps its last assessment as the latest, with the time of the
    // last complete one among them, and each of them whose verdicts differ
    // from the one before goes to the history. The prepared rows stay as
    // they are, because a failed call may be retried.
    const latestByRef = new Map<string, Record<string, unknown>>();
    for (const { entityRef, latest } of records) {
      const earlier = latestByRef.get(entityRef);
      latestByRef.set(
        entityRef,
        earlier && latest.last_complete_at === null
          ? { ...latest, last_complete_at: earlier.last_complete_at }
          : latest,
      );
    }
    const latestRows = [...latestByRef.values()];

    await this.db.transaction(async tx => {
      const historyRows = await this.changedHistoryRows(
        tx,
        records.map(record => record.history),
      );
      for (const rows of chunksFor(latestRows)) {
        await tx(ASSESSMENTS_TABLE)
          .insert(rows)
          .onConflict('entity_ref')
          .merge(this.latestRowUpdate(Object.keys(rows[0])));
      }
      for (const rows of chunksFor(historyRows)) {
        await tx(HISTORY_TABLE).insert(rows);
      }
      // Last, because the counter's row stays locked until the commit.
      await increaseFleetRevision(tx);
    });
    this.fleetWrites += 1;
  }

  /**
   * Returns the history rows whose verdicts differ from the entity's latest
   * history row, or from the entity's row before them in `rows`. So a
   * refresh that changes no verdict adds no history row.
   * NOTE: two transactions that save one entity concurrently each compare
   * with the row stored before them, so both may add the same verdicts.
   */
  private async changedHistoryRows(
    tx: Knex.Transaction,
    rows: Record<string, unknown>[],
  ): Promise<Record<string, unknown>[]> {
    const entityRefs = [...new Set(rows.map(row => String(row.entity_ref)))];
    const latest = new Map<string, HistoryVerdicts>();
    for (
      let start = 0;
      start < entityRefs.length;
      start += WHERE_IN_BATCH_SIZE
    ) {
      const batch = entityRefs.slice(start, start + WHERE_IN_BATCH_SIZE);
      const latestTimes = tx(HISTORY_TABLE)
        .whereIn('entity_ref', batch)
        .groupBy('entity_ref')
        .select('entity_ref')
        .max({ evaluated_at: 'evaluated_at' });
      // Ordered by id, so that of two rows with one time the later one wins.
      const stored = await tx({ history: HISTORY_TABLE })
        .join(latestTimes.as('latest'), join =>
          join
            .on('history.entity_ref', '=', 'latest.entity_ref')
            .andOn('history.evaluated_at', '=', 'latest.evaluated_at'),
        )
        .orderBy('history.id', 'asc')
        .select('history.entity_ref', 'history.verdict', 'history.summary');
      for (const row of stored) {
        latest.set(row.entity_ref, toHistoryVerdicts(row));
      }
    }

    const changed: Record<string, unknown>[] = [];
    for (const row of rows) {
      const entityRef = String(row.entity_ref);
      const verdicts = toHistoryVerdicts(
        row as { verdict: Verdict; summary: string },
      );
      const previous = latest.get(entityRef);
      if (!previous || !sameHistoryVerdicts(previous, verdicts)) {
        changed.push(row);
        latest.set(entityRef, verdicts);
      }
    }
    return changed;
  }

  /**
   * Returns what an upsert of latest assessments sets on a conflict: every column
   * to its incoming value, except that an incoming `last_complete_at` of
   * null (an assessment with failed reads) keeps the stored one.
   */
  private latestRowUpdate(columns: string[]): Record<string, Knex.Raw> {
    const mysql = ['mysql', 'mysql2'].includes(this.db.client.dialect);
    const incoming = (column: string) =>
      mysql
        ? this.db.raw('VALUES(??)', [column])
        : this.db.raw('??', [`excluded.${column}`]);

    const update: Record<string, Knex.Raw> = {};
    for (const column of columns) {
      if (column !== 'entity_ref') {
        update[column] = incoming(column);
      }
    }
    update.last_complete_at = this.db.raw('COALESCE(?, ??)', [
      incoming('last_complete_at'),
      `${ASSESSMENTS_TABLE}.last_complete_at`,
    ]);
    return update;
  }

  async markStale(options: {
    entityRef: string;
    reason: string;
    refreshedAt: Date;
    scopeKey?: string;
    catalog?: Pick<AssessedEntity, 'title' | 'owner' | 'system'>;
  }): Promise<boolean> {
    const updated = await this.db.transaction(async tx => {
      const query = tx(ASSESSMENTS_TABLE).where(
        'entity_ref',
        options.entityRef,
      );
      if (options.scopeKey !== undefined) {
        query.where(sameScope =>
          sameScope
            .whereNull('scope_key')
            .orWhere('scope_key', options.scopeKey!),
        );
      }
      const { catalog } = options;
      const rows = await query.update({
        stale: true,
        stale_reason: options.reason,
        refreshed_at: options.refreshedAt,
        ...(catalog && {
          title: catalog.title ?? null,
          owner: catalog.owner ?? null,
          system: catalog.system ?? null,
        }),
      });
      if (rows > 0) {
        await increaseFleetRevision(tx);
      }
      return rows;
    });
    this.fleetWrites += 1;
    return updated > 0;
  }

  async getAssessment(
    entityRef: string,
  ): Promise<StoredAssessment | undefined> {
    const stored = await this.readAssessment(entityRef);
    if (!stored) {
      return undefined;
    }

    const { assessmentJson, ...fields } = stored;
    return {
      ...fields,
      assessment: expandAssessment(JSON.parse(assessmentJson)),
    };
  }

  async getAssessmentJson(
    entityRef: string,
  ): Promise<StoredAssessmentJson | undefined> {
    const stored = await this.readAssessment(entityRef);
    if (!stored) {
      return undefined;
    }

    return {
      ...stored,
      assessmentJson: expandAssessmentJson(stored.assessmentJson),
    };
  }

  /** Reads the latest assessment with the assessment as stored: compact JSON. */
  private async readAssessment(
    entityRef: string,
  ): Promise<StoredAssessmentJson | undefined> {
    const row = await this.assessmentRows.get(entityRef);
    if (!row) {
      return undefined;
    }

    const failedReads: ReadFailure[] = row.failed_reads
      ? JSON.parse(row.failed_reads)
      : [];
    const lastComplete =
      failedReads.length > 0 && row.last_complete_at !== null
        ? await this.getLastComplete(entityRef, toDate(row.last_complete_at))
        : undefined;

    return {
      entityRef: row.entity_ref,
      assessmentJson: row.assessment,
      source: row.source,
      stale: Boolean(row.stale),
      staleReason: row.stale_reason ?? undefined,
      refreshedAt: toDate(row.refreshed_at),
      failedReads,
      lastComplete,
      scopeKey: row.scope_key ?? undefined,
    };
  }

  /**
   * Reads the rows of some entities' latest assessments, by entity
   * reference. The entity assessment endpoint reads one on every request, so
   * the reads of concurrent requests share queries, and on PostgreSQL they go
   * to the driver directly, which skips Knex building and compiling them.
   */
  private async readAssessmentRows(
    entityRefs: string[],
  ): Promise<Map<string, Record<string, any>>> {
    let rows: Record<string, any>[];
    if (this.db.client.dialect === 'postgresql') {
      const connection = await this.db.client.acquireConnection();
      try {
        // Unnamed: a named statement would also spare PostgreSQL parsing and
        // planning it, but PgBouncer's transaction pooling supports named
        // statements only from version 1.21, with max_prepared_statements set.
        const result = await connection.query(READ_ASSESSMENTS_POSTGRESQL, [
          entityRefs,
        ]);
        rows = result.rows;
      } finally {
        await this.db.client.releaseConnection(connection);
      }
    } else {
      rows = await this.db(ASSESSMENTS_TABLE)
        .whereIn('entity_ref', entityRefs)
        .select(ASSESSMENT_COLUMNS);
    }

    return new Map(rows.map(row => [row.entity_ref, row]));
  }

  /**
   * Reads the verdicts of the last complete assessment, evaluated at
   * `evaluatedAt`, unless they were pruned. They are those of the newest
   * history row up to that time, because a row is added only when the
   * verdicts change.
   */
  private async getLastComplete(
    entityRef: string,
    evaluatedAt: Date,
  ): Promise<LastCompleteAssessment | undefined> {
    const row = await this.db(HISTORY_TABLE)
      .where('entity_ref', entityRef)
      .where('evaluated_at', '<=', evaluatedAt)
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('evaluated_at', 'verdict', 'source', 'summary');
    if (!row) {
      return undefined;
    }

    const record = toHistoryRecord(row);
    return {
      evaluatedAt: evaluatedAt.toISOString(),
      verdict: record.verdict,
      flows: record.flows,
      counts: record.counts,
      stale: true,
    };
  }

  async getHistory(
    entityRef: string,
    page: { limit: number; offset: number },
  ): Promise<HistoryPage> {
    const [{ count }] = await this.db(HISTORY_TABLE)
      .where('entity_ref', entityRef)
      .count({ count: '*' });

    // One row more than the page, to tell what the oldest item changed.
    const rows = await this.db(HISTORY_TABLE)
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'evaluated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(page.limit + 1)
      .offset(page.offset)
      .select('evaluated_at', 'verdict', 'source', 'summary');
    const records = rows.map(toHistoryRecord);

    return {
      items: records.slice(0, page.limit),
      previous: records[page.limit],
      total: Number(count),
    };
  }

  async getLatestHistory(options: {
    entityRefs: string[];
    from?: Date;
    before: Date;
  }): Promise<Map<string, HistoryRecord>> {
    const latest = new Map<string, HistoryRecord>();
    const requested = new Set(options.entityRefs);

    // Past one batch, one query over every entity takes fewer round trips
    // than a query per batch, and the entities not requested are dropped
    // here. A fleet trend reads a whole fleet once per day of its window.
    const batches: Array<string[] | undefined> = [];
    if (options.entityRefs.length > WHERE_IN_BATCH_SIZE) {
      batches.push(undefined);
    } else if (options.entityRefs.length > 0) {
      batches.push(options.entityRefs);
    }

    for (const batch of batches) {
      const latestTimes = this.db(HISTORY_TABLE)
        .where('evaluated_at', '<', options.before)
        .groupBy('entity_ref')
        .select('entity_ref')
        .max({ evaluated_at: 'evaluated_at' });
      if (batch) {
        latestTimes.whereIn('entity_ref', batch);
      }
      if (options.from) {
        latestTimes.where('evaluated_at', '>=', options.from);
      }

      // Two records of one entity can share a time; ordering by id lets the
      // one saved last win.
      const rows = await this.db({ history: HISTORY_TABLE })
        .join(latestTimes.as('latest'), join =>
          join
            .on('history.entity_ref', '=', 'latest.entity_ref')
            .andOn('history.evaluated_at', '=', 'latest.evaluated_at'),
        )
        .orderBy('history.id', 'asc')
        .select(
          'history.entity_ref',
          'history.evaluated_at',
          'history.verdict',
          'history.source',
          'history.summary',
        );
      for (const row of rows) {
        if (requested.has(row.entity_ref)) {
          latest.set(row.entity_ref, toHistoryRecord(row));
        }
      }
    }

    return latest;
  }

  async listFleet(
    filter: FleetFilter,
    options: { order?: FleetOrder; limit?: number; offset?: number } = {},
  ): Promise<FleetEntry[]> {
    const query = this.db(ASSESSMENTS_TABLE).select(FLEET_COLUMNS);
    applyFleetFilter(query, filter);
    applyFleetOrder(
      query,
      options.order ?? { sort: 'entityRef', order: 'asc' },
      this.db.client.dialect,
    );
    if (options.limit !== undefined) {
      query.limit(options.limit);
    }
    if (options.offset) {
      query.offset(options.offset);
    }

    const rows = await query;
    return rows.map(toFleetEntry);
  }

  async countFleet(filter: FleetFilter): Promise<FleetCounts> {
    // One group per combination of the overall and flow verdicts, so at most
    // 5^5 rows whatever the size of the fleet.
    const groupColumns = ['verdict', ...Object.values(FLOW_COLUMNS)];
    const query = this.db(ASSESSMENTS_TABLE)
      .select(groupColumns)
      .count({ count: '*' })
      .groupBy(groupColumns);
    applyFleetFilter(query, filter);
    const rows: Array<Record<string, string | number>> = await query;

    const counts: FleetCounts = {
      total: 0,
      verdictCounts: emptyVerdictCounts(),
      flowCounts: Object.fromEntries(
        FLOWS.map(flow => [flow, emptyVerdictCounts()]),
      ) as Record<Flow, VerdictCounts>,
    };
    for (const row of rows) {
      const count = Number(row.count);
      counts.total += count;
      counts.verdictCounts[row.verdict as Verdict] += count;
      for (const flow of FLOWS) {
        counts.flowCounts[flow][row[FLOW_COLUMNS[flow]] as Verdict] += count;
      }
    }
    return counts;
  }

  async getFleetVersion(): Promise<string> {
    const databaseVersion = await this.databaseFleetVersion.get();
    return `${this.fleetWrites}/${databaseVersion}`;
  }

  /**
   * Reads the part of the fleet version that writes through any store
   * instance change: the counter that each transaction writing latest
   * assessments increases, whatever the order in which they commit.
   * NOTE: instances of a version before the counter do not increase it, so
   * during a rolling upgrade their writes show on upgraded instances only
   * after an upgraded instance writes.
   */
  private async readFleetVersion(): Promise<string> {
    const row = await this.db(FLEET_REVISION_TABLE)
      .where('id', 1)
      .first('revision');
    return String(row?.revision ?? '');
  }

  async getHistoryVersion(): Promise<string> {
    // Rows are only inserted, with growing ids, and deleted, so the newest
    // id changes with every insert and the number of rows with every
    // prune. A prune need not change the oldest time, because it keeps the
    // newest row of each assessed entity however old.
    const [row] = await this.db(HISTORY_TABLE)
      .max({ newest: 'id' })
      .count({ rows: '*' });
    return `${row?.newest ?? 0}/${row?.rows ?? 0}`;
  }

  async listEntityRefs(): Promise<string[]> {
    const rows = await this.db(ASSESSMENTS_TABLE)
      .orderBy('entity_ref')
      .select('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async listAssessedEntities(): Promise<AssessedEntity[]> {
    const rows = await this.db(ASSESSMENTS_TABLE)
      .orderBy('entity_ref')
      .select(
        'entity_ref',
        'title',
        'owner',
        'system',
        'cluster_id',
        'scope_key',
      );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      title: row.title ?? undefined,
      owner: row.owner ?? undefined,
      system: row.system ?? undefined,
      clusterId: row.cluster_id ?? undefined,
      scopeKey: row.scope_key ?? undefined,
    }));
  }

  async deleteAssessments(entityRefs: string[]): Promise<number> {
    let deleted = 0;
    try {
      for (
        let start = 0;
        start < entityRefs.length;
        start += WHERE_IN_BATCH_SIZE
      ) {
        const batch = entityRefs.slice(start, start + WHERE_IN_BATCH_SIZE);
        deleted += await this.db.transaction(async tx => {
          const rows = await tx(ASSESSMENTS_TABLE)
            .whereIn('entity_ref', batch)
            .delete();
          if (rows > 0) {
            await increaseFleetRevision(tx);
          }
          return rows;
        });
      }
    } finally {
      // Each batch is a transaction of its own, so a failed one may follow
      // deletions that stand.
      this.fleetWrites += 1;
    }
    return deleted;
  }

  async updateStatistics(): Promise<void> {
    // A full refresh rewrites every row at once. Until autovacuum gets to
    // the table, PostgreSQL plans the fleet page without statistics (a
    // sequential scan and sort instead of the entity reference index) and
    // counts verdicts from the heap instead of the verdicts index alone.
    switch (this.db.client.dialect) {
      case 'postgresql':
        await this.db.raw('VACUUM (ANALYZE) ??', [ASSESSMENTS_TABLE]);
        break;
      case 'mysql':
      case 'mysql2':
        await this.db.raw('ANALYZE TABLE ??', [ASSESSMENTS_TABLE]);
        break;
      default:
        await this.db.raw('ANALYZE ??', [ASSESSMENTS_TABLE]);
    }
  }

  async pruneHistory(options: { before: Date }): Promise<number> {
    // The newest row of an assessed entity contains its current verdicts,
    // which a refresh that changes nothing does not write again, so it is
    // kept. The ids are read first, because MySQL rejects a DELETE whose
    // subquery reads the same table (error 1093).
    const rows = await this.db(HISTORY_TABLE)
      .where('evaluated_at', '<', options.before)
      .where(prunable =>
        prunable
          .whereNotIn(
            'entity_ref',
            this.db(ASSESSMENTS_TABLE).select('entity_ref'),
          )
          .orWhereExists(
            this.db({ newer: HISTORY_TABLE })
              .select(this.db.raw('1'))
              .whereRaw('?? = ??', [
                'newer.entity_ref',
                `${HISTORY_TABLE}.entity_ref`,
              ])
              .where(later =>
                later
                  .whereRaw('?? > ??', [
                    'newer.evaluated_at',
                    `${HISTORY_TABLE}.evaluated_at`,
                  ])
                  .orWhere(sameTime =>
                    sameTime
                      .whereRaw('?? = ??', [
                        'newer.evaluated_at',
                        `${HISTORY_TABLE}.evaluated_at`,
                      ])
                      .whereRaw('?? > ??', ['newer.id', `${HISTORY_TABLE}.id`]),
                  ),
              ),
          ),
      )
      .select('id');

    let deleted = 0;
    const ids = rows.map(row => row.id);
    for (let start = 0; start < ids.length; start += WHERE_IN_BATCH_SIZE) {
      deleted += await this.db(HISTORY_TABLE)
        .whereIn('id', ids.slice(start, start + WHERE_IN_BATCH_SIZE))
        .delete();
    }
    return deleted;
  }
}

function toLatestRow(record: NewAssessment): Record<string, unknown> {
  const { entity, assessment, source, refreshedAt, failedReads } = record;
  const complete = failedReads.length === 0;
  const evaluatedAt = new Date(assessment.evaluatedAt);
  const flows = flowVerdicts(assessment);

  const failing: Record<string, number> = Object.fromEntries(
    Object.values(SEVERITY_COLUMNS).map(column => [column, 0]),
  );
  for (const check of assessment.checks) {
    const column = SEVERITY_COLUMNS[check.severity];
    if (check.verdict === 'fail' && column) {
      failing[column] += 1;
    }
  }

  return {
    entity_ref: entity.entityRef,
    title: entity.title ?? null,
    owner: entity.owner ?? null,
    system: entity.system ?? null,
    cluster_id: entity.clusterId ?? null,
    cluster_name: entity.clusterId ? clusterName(entity.clusterId) : null,
    verdict: assessment.verdict,
    ...Object.fromEntries(
      Object.entries(FLOW_COLUMNS).map(([flow, column]) => [
        column,
        flows[flow as Flow],
      ]),
    ),
    ...failing,
    assessment: JSON.stringify(compactAssessment(assessment)),
    source,
    evaluated_at: evaluatedAt,
    refreshed_at: refreshedAt,
    stale: false,
    stale_reason: null,
    failed_reads: complete ? null : JSON.stringify(failedReads),
    failed_read_count: failedReads.length,
    last_complete_at: complete ? evaluatedAt : null,
    scope_key: entity.scopeKey ?? null,
  };
}

function toHistoryRow(record: NewAssessment): Record<string, unknown> {
  const { assessment } = record;
  const summary: Omit<HistoryRecord, 'evaluatedAt' | 'verdict' | 'source'> = {
    flows: flowVerdicts(assessment),
    counts: assessment.counts,
    checks: checkVerdicts(assessment),
  };

  return {
    entity_ref: record.entity.entityRef,
    evaluated_at: new Date(assessment.evaluatedAt),
    verdict: assessment.verdict,
    source: record.source,
    summary: JSON.stringify(summary),
  };
}

/**
 * Splits rows into multi-row inserts whose bound values stay within
 * {@link MAX_BINDINGS}.
 */
function chunksFor<T extends object>(rows: T[]): T[][] {
  const perRow = Object.keys(rows[0] ?? {}).length || 1;
  const size = Math.max(1, Math.floor(MAX_BINDINGS / perRow));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}

/**
 * Maps each check id to its verdict. A loop, not `Object.fromEntries`: in a
 * sampling heap profile of a 5,000-entity refresh, what `Object.fromEntries`
 * allocated here reached V8's old generation, about 40 KB per assessment.
 */
function checkVerdicts(assessment: Assessment): Record<string, Verdict> {
  const verdicts: Record<string, Verdict> = {};
  for (const check of assessment.checks) {
    verdicts[check.checkId] = check.verdict;
  }
  return verdicts;
}

function flowVerdicts(assessment: Assessment): Record<Flow, Verdict> {
  const flows = Object.fromEntries(
    Object.keys(FLOW_COLUMNS).map(flow => [flow, 'not-applicable']),
  ) as Record<Flow, Verdict>;
  for (const status of assessment.flows) {
    flows[status.flow] = status.verdict;
  }
  return flows;
}

function clusterName(clusterId: string): string | null {
  return clusterId.split('/').filter(Boolean).pop() ?? null;
}

/** Reads a timestamp column: a Date from PostgreSQL, epoch milliseconds from SQLite. */
function toDate(value: Date | number | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The verdicts of a history row, which decide whether a new row differs. */
interface HistoryVerdicts {
  verdict: Verdict;
  flows: Record<string, Verdict>;
  checks: Record<string, Verdict>;
}

function toHistoryVerdicts(row: {
  verdict: Verdict;
  summary: string;
}): HistoryVerdicts {
  const summary = JSON.parse(row.summary) as Omit<HistoryVerdicts, 'verdict'>;
  return {
    verdict: row.verdict,
    flows: summary.flows,
    checks: summary.checks,
  };
}

function sameHistoryVerdicts(
  first: HistoryVerdicts,
  second: HistoryVerdicts,
): boolean {
  return (
    first.verdict === second.verdict &&
    sameEntries(first.flows, second.flows) &&
    sameEntries(first.checks, second.checks)
  );
}

function sameEntries(
  first: Record<string, Verdict>,
  second: Record<string, Verdict>,
): boolean {
  const keys = Object.keys(first);
  return (
    keys.length === Object.keys(second).length &&
    keys.every(key => first[key] === second[key])
  );
}

function toHistoryRecord(row: {
  evaluated_at: Date | number | string;
  verdict: Verdict;
  source: string;
  summary: string;
}): HistoryRecord {
  const summary = JSON.parse(row.summary) as {
    flows: Record<Flow, Verdict>;
    counts: VerdictCounts;
    checks: Record<string, Verdict>;
  };
  return {
    evaluatedAt: toDate(row.evaluated_at),
    verdict: row.verdict,
    source: row.source,
    flows: summary.flows,
    counts: summary.counts,
    checks: summary.checks,
  };
}

function toFleetEntry(row: Record<string, any>): FleetEntry {
  const failingBySeverity: FleetEntry['failingBySeverity'] = {};
  for (const [severity, column] of Object.entries(SEVERITY_COLUMNS)) {
    const count = Number(row[column]);
    if (count > 0) {
      failingBySeverity[severity as Severity] = count;
    }
  }

  return {
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    clusterId: row.cluster_id ?? undefined,
    verdict: row.verdict,
    flows: Object.fromEntries(
      Object.entries(FLOW_COLUMNS).map(([flow, column]) => [flow, row[column]]),
    ) as Record<Flow, Verdict>,
    failingBySeverity,
    evaluatedAt: toDate(row.evaluated_at).toISOString(),
    stale: Boolean(row.stale),
    failedReads: Number(row.failed_read_count),
  };
}

/** Increases the counter that the fleet version of every store instance reads. */
async function increaseFleetRevision(tx: Knex.Transaction): Promise<void> {
  await tx(FLEET_REVISION_TABLE).where('id', 1).increment('revision', 1);
}
