// @ts-check

const TABLE = 'aks_traffic_security_assessments';
const VERDICTS_INDEX = 'aks_traffic_security_assessments_verdicts_idx';
const ENTITY_REF_INDEX = 'aks_traffic_security_assessments_entity_ref_c_idx';

/**
 * Adds the indexes of the fleet queries: the verdict columns, so the counts
 * by verdict read the index alone, and on PostgreSQL the entity reference in
 * the "C" collation that the fleet order uses, so a page can skip the sort.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table.index(
      [
        'verdict',
        'verdict_ingress',
        'verdict_egress',
        'verdict_pod_to_pod',
        'verdict_management',
      ],
      VERDICTS_INDEX,
    );
  });

  // The primary key index sorts by the database's collation, which the
  // fleet order's COLLATE "C" does not use. SQLite already sorts by byte.
  if (knex.client.dialect === 'postgresql') {
    await knex.raw('CREATE INDEX ?? ON ?? (entity_ref COLLATE "C")', [
      ENTITY_REF_INDEX,
      TABLE,
    ]);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.dialect === 'postgresql') {
    await knex.raw('DROP INDEX ??', [ENTITY_REF_INDEX]);
  }
  await knex.schema.alterTable(TABLE, table => {
    table.dropIndex([], VERDICTS_INDEX);
  });
};
