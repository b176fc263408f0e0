const { PGlite } = require('@electric-sql/pglite');
(async () => {
  let t=Date.now();
  const db = new PGlite();
  await db.waitReady; console.log('ready', Date.now()-t); t=Date.now();
  const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t, dump.size); t=Date.now();
  const db2 = new PGlite({ loadDataDir: dump });
  await db2.waitReady; console.log('ready from dump', Date.now()-t); t=Date.now();
  const db3 = new PGlite({ loadDataDir: dump });
  await db3.waitReady; console.log('ready from dump', Date.now()-t); t=Date.now();
  console.log((await db3.query('select 1 as a')).rows);
  const db4 = new PGlite('/tmp/scratch/pgdata1');
  await db4.waitReady; console.log('ready dir', Date.now()-t); t=Date.now();
  await db4.close();
  const db5 = new PGlite('/tmp/scratch/pgdata1');
  await db5.waitReady; console.log('reopen dir', Date.now()-t); t=Date.now();
})();
