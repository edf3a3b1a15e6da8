// @ts-check

const TABLE = 'aks_traffic_security_assessments';

/**
 * Records which annotations each latest assessment was made from, so that
 * an entity whose cluster, gateway, namespace or hosts changed is assessed
 * again instead of showing the assessment of its former annotations.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table
      .string('scope_key', 64)
      .nullable()
      .comment(
        'A digest of the annotations the assessment was made from; null for rows stored before this column',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table.dropColumn('scope_key');
  });
};
