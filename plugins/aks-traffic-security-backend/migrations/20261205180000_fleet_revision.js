// @ts-check

const TABLE = 'aks_traffic_security_fleet_revision';

/**
 * Adds a counter that every write of a latest assessment increases in its
 * own transaction: a save, a stale mark or a deletion. Backend instances
 * that share the database reuse fleet pages until it changes. The row count
 * and the sum of the refresh times, which they compared before, missed a
 * write that changed neither, such as a stale mark with the stored refresh
 * time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(TABLE, table => {
    table.comment('A counter of the writes of latest assessments');
    table.integer('id').primary().comment('Always 1: the table has one row');
    table
      .bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Increased by each transaction that writes latest assessments');
  });
  await knex(TABLE).insert({ id: 1, revision: 0 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable(TABLE);
};
