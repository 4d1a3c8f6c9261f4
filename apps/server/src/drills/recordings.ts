import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UnknownRecording } from './errors.js';

export interface Recording {
  /** The file name without `.ndjson`, e.g. `in-fa-2021`. */
  name: string;
  bytes: number;
}

const SUFFIX = '.ndjson';

/** The recorded logs a drill can be loaded from (`fixtures/recordings/*.ndjson`). */
export function listRecordings(dir: string): Recording[] {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith(SUFFIX))
    .sort()
    .map((file) => ({
      name: file.slice(0, -SUFFIX.length),
      bytes: statSync(join(dir, file)).size,
    }));
}

/**
 * The file of a recording. The name must be one the folder lists — never a path built from
 * what the client sent, so `../` and friends lead nowhere.
 */
export function recordingFile(dir: string, name: string): string {
  const found = listRecordings(dir).find((recording) => recording.name === name);
  if (!found) throw new UnknownRecording(name);
  return join(dir, found.name + SUFFIX);
}
