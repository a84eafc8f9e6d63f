// sql.js's package exports pick a browser build under bundlers that resolve the "browser" condition
// (vitest with the Svelte plugin does); the engine always runs in Node, so it imports the Node build by path.
declare module 'sql.js/dist/sql-wasm.js' {
  import initSqlJs from 'sql.js';
  export default initSqlJs;
}
