// @ts-check

const TABLE = 'aks_traffic_security_assessments';
const COLUMN = 'assessment';

/**
 * Tells whether the database is PostgreSQL 14 or later built with lz4, the
 * only case in which a column's compression can be set to lz4.
 *
 * @param {import('knex').Knex} knex
 */
async function supportsLz4(knex) {
  if (knex.client.dialect !== 'postgresql') {
    return false;
  }
  const { rows } = await knex.raw(
    `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings
     WHERE name = 'default_toast_compression'`,
  );
  return rows.length > 0 && rows[0].lz4 === true;
}

/**
 * Compresses the stored assessment JSON with lz4 instead of PostgreSQL's
 * default pglz. A full refresh rewrites every assessment, about 35 KB of
 * JSON each, and pglz spent more than twice as long storing them. Rows
 * already stored keep their compression until they are next written.
 * Other databases are left as they are.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (await supportsLz4(knex)) {
    await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? SET COMPRESSION lz4', [
      TABLE,
      COLUMN,
    ]);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (await supportsLz4(knex)) {
    await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? SET COMPRESSION default', [
      TABLE,
      COLUMN,
    ]);
  }
};
