// @ts-check

/**
 * Creates the latest assessment per entity and the assessment history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('aks_traffic_security_assessments', table => {
    table.comment('The latest assessment of each annotated catalog entity');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('The entity reference, kind:namespace/name, lower case');
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable().comment('The owner entity reference');
    table
      .string('system', 255)
      .nullable()
      .comment('The system entity reference');
    table.text('cluster_id').nullable().comment('ARM id of the AKS cluster');
    table.string('cluster_name', 255).nullable();
    table.string('verdict', 32).notNullable();
    table.string('verdict_ingress', 32).notNullable();
    table.string('verdict_egress', 32).notNullable();
    table.string('verdict_pod_to_pod', 32).notNullable();
    table.string('verdict_management', 32).notNullable();
    table.integer('failing_critical').notNullable().defaultTo(0);
    table.integer('failing_high').notNullable().defaultTo(0);
    table.integer('failing_medium').notNullable().defaultTo(0);
    table.integer('failing_low').notNullable().defaultTo(0);
    table.integer('failing_info').notNullable().defaultTo(0);
    table
      .text('assessment', 'longtext')
      .notNullable()
      .comment('The assessment as JSON');
    table.string('source', 64).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table
      .timestamp('refreshed_at', { useTz: true })
      .notNullable()
      .comment('When a refresh of this entity last ran, successful or not');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('stale_reason').nullable();
    table.index(['owner'], 'aks_traffic_security_assessments_owner_idx');
    table.index(['system'], 'aks_traffic_security_assessments_system_idx');
  });

  await knex.schema.createTable('aks_traffic_security_history', table => {
    table.comment('One row per assessment, kept for the configured retention');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.string('verdict', 32).notNullable();
    table.string('source', 64).notNullable();
    table
      .text('summary')
      .notNullable()
      .comment('Flow verdicts, verdict counts and check verdicts as JSON');
    table.index(
      ['entity_ref', 'evaluated_at'],
      'aks_traffic_security_history_entity_idx',
    );
    table.index(['evaluated_at'], 'aks_traffic_security_history_time_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('aks_traffic_security_history');
  await knex.schema.dropTable('aks_traffic_security_assessments');
};
