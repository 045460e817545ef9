import { startPostgres } from './scripts/postgres.mjs';
import { readConversationFiles, importConversations } from './src/domain/conversation-import.js';
import { openStore } from './src/storage/database.js';
import { migrate } from './src/storage/migrate.js';
import { signUp } from './src/domain/accounts.js';
const pg = await startPostgres();
try {
  const store = openStore(pg.url);
  await migrate(store);
  const { account } = await signUp(store.db, { accountName: 'Acme', adminName: 'A', adminEmail: 'a@example.com', password: 'correct horse battery' });
  const files = await readConversationFiles('/work/shared/data/conversations');
  let t = performance.now();
  const s = await importConversations(store.db, account.id, files);
  console.log('pg import', Math.round(performance.now() - t), 'ms', s.casesCreated, s.messagesCreated, s.customersCreated, s.customersReused);
  t = performance.now();
  const s2 = await importConversations(store.db, account.id, files);
  console.log('pg again', Math.round(performance.now() - t), 'ms', s2.casesCreated, s2.casesAlreadyPresent);
  const r = await store.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const p = await store.db.selectFrom('customer_phones').select(['raw', 'e164']).where('raw', 'like', '%.%').limit(2).execute();
  const uk = await store.db.selectFrom('customer_phones').select(['raw', 'e164']).where('raw', 'like', '+44 (0)20%').limit(2).execute();
  const nulls = await store.db.selectFrom('customer_phones').select((eb) => eb.fn.countAll().as('n')).where('e164', 'is', null).executeTakeFirstOrThrow();
  console.log(r, p, uk, 'e164 null:', nulls);
  await store.close();
} finally { await pg.stop(); }
