import fs from 'fs';
import path from 'path';
import { Resource } from '../types';
import { parseResourceDocument } from '../resources/parseDocument';
import { FIXTURES_DIR } from './resourceSets';

/** The folder of hand-written Azure CLI outputs and ARM templates. */
export const TEST_DATA_DIR = path.resolve(
  __dirname,
  '../resources/__testData__',
);

/** A JSON or YAML input file with its text. */
export interface InputFile {
  /** The path relative to the fixtures or test data folder. */
  name: string;
  text: string;
}

function listFiles(directory: string, prefix = ''): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap(entry => {
      const relative = path.join(prefix, entry.name);
      if (entry.isDirectory()) {
        return listFiles(path.join(directory, entry.name), relative);
      }
      return /\.(json|ya?ml)$/.test(entry.name) ? [relative] : [];
    })
    .sort();
}

/** Reads every JSON and YAML file of the fixtures and test data folders. */
export function allInputFiles(): InputFile[] {
  return [FIXTURES_DIR, TEST_DATA_DIR].flatMap(directory =>
    listFiles(directory).map(name => ({
      name,
      text: fs.readFileSync(path.join(directory, name), 'utf8'),
    })),
  );
}

/** Parses every input file and returns the resources they contain. */
export function allInputResources(): Resource[] {
  return allInputFiles().flatMap(
    file =>
      parseResourceDocument(file.text, { source: 'file', location: file.name })
        .resources,
  );
}
