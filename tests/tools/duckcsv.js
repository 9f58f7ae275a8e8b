// duckcsv.js - how DuckDB reads a CSV file liq wrote, with nothing but
// read_csv_auto: the columns and types its sniffer finds, the row count,
// the values that are not NULL in each column and the sum of every
// numeric column (as text: NaN stays visible), as JSON on stdout.  tests/tools/csvcheck.py judges it.
//   NODE_PATH=.../node_modules node duckcsv.js FILE.csv
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const f = process.argv[2].replace(/'/g, "''");
  const d = await c.runAndReadAll(
    `DESCRIBE SELECT * FROM read_csv_auto('${f}')`);
  const columns = d.getRowObjects().map(r => ({
    name: r.column_name, type: String(r.column_type) }));
  const num = columns.filter(x => /INT|DOUBLE|FLOAT|DECIMAL/.test(x.type));
  const sel = ['count(*)::VARCHAR AS n'].concat(num.map(
    x => `sum("${x.name}")::VARCHAR AS "${x.name}"`), columns.map(
    (x, i) => `count("${x.name}")::VARCHAR AS nn${i}`)).join(', ');
  const r = await c.runAndReadAll(
    `SELECT ${sel} FROM read_csv_auto('${f}')`);
  const row = r.getRowObjects()[0];
  const sums = {};
  for (const x of num) sums[x.name] = row[x.name];
  const nonnull = {};
  columns.forEach((x, i) => { nonnull[x.name] = Number(row['nn' + i]); });
  process.stdout.write(JSON.stringify({ columns, count: Number(row.n),
    sums, nonnull }) + '\n');
})().catch(e => { console.error(String(e)); process.exit(1); });
