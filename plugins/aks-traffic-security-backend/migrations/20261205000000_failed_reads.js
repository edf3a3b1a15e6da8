// @ts-check

const TABLE = 'aks_traffic_security_assessments';

/**
 * Records which reads of the latest refresh failed, and when the entity was
 * last assessed from reads that all succeeded, so that an assessment with
 * failed reads can point back to the last complete one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table
      .text('failed_reads')
      .nullable()
      .comment(
        'The failed reads of the latest assessment as JSON; null when none failed',
      );
    table
      .integer('failed_read_count')
      .notNullable()
      .defaultTo(0)
      .comment('The number of entries in failed_reads, for the fleet summary');
    table
      .timestamp('last_complete_at', { useTz: true })
      .nullable()
      .comment('When the entity was last assessed with no failed read');
  });

  // Rows stored before this migration carry no record of failed reads, so
  // only those whose checks are all resolved count as complete.
  await knex(TABLE)
    .update({ last_complete_at: knex.ref('evaluated_at') })
    .whereNot('assessment', 'like', '%"verdict":"unknown"%');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable(TABLE, table => {
    table.dropColumn('failed_reads');
    table.dropColumn('failed_read_count');
    table.dropColumn('last_complete_at');
  });
};
