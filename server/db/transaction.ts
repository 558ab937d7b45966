import type { Db } from './database.ts';

/** The handle inside `db.transaction(tx => …)`: code that must run in a caller's transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
