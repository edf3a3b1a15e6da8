/**
 * Node.js helpers for AKS traffic security: reading resource files and the
 * check command-line tool.
 *
 * @packageDocumentation
 */

export * from './files/readResourceFiles';
export * from './files/buildResourceSet';
