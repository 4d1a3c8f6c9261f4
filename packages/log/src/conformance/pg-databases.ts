// Test support (not exported): one empty database per test on a shared local server.
import pg from 'pg';

let databases = 0;

/** Creates an empty database on the server of `url` and returns its URL. */
export async function freshDatabase(url: string): Promise<string> {
  databases += 1;
  const name = `floodnet_test_${process.pid}_${databases}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
