// @ts-check
// Types shared by the bench harness (run.mjs, harness.mjs), its scenarios and its load
// scripts. JSDoc only: nothing here runs.

/**
 * @typedef {import('../harness.mjs').Stack} Stack
 * @typedef {import('../harness.mjs').StackOptions} StackOptions
 */

/**
 * One row of a scenario's table; `pass` is set when the row is judged against `target`.
 * @typedef {{ metric: string, value: number | string, unit: string, target?: string, pass?: boolean }} Row
 */

/**
 * What a scenario's run resolves to; `pass` is its correctness (targets only warn).
 * @typedef {{ rows: Row[], summary: object, pass: boolean }} Outcome
 */

/**
 * The default export of tools/bench/scenarios/<name>.mjs.
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} title
 * @property {string} [target] in words, shown above the table
 * @property {StackOptions} stack the stack it runs on (a fresh one per scenario)
 * @property {(ctx: Stack, options: { smoke: boolean }) => Promise<Outcome>} run
 */

/**
 * Each load script (tools/bench/load/<name>.mjs) by name: the JSON it takes on argv[2] and
 * the JSON line it prints (see harness.mjs load()).
 * @typedef {{
 *   autocannon: { args: import('../load/autocannon.mjs').Args, result: import('../load/autocannon.mjs').Result },
 *   'confirm-baseline-pg': { args: import('../load/confirm-baseline-pg.mjs').Args, result: import('../load/confirm-baseline-pg.mjs').Result },
 *   'confirm-rush': { args: import('../load/confirm-rush.mjs').Args, result: import('../load/confirm-rush.mjs').Result },
 *   'door-rush': { args: import('../load/door-rush.mjs').Args, result: import('../load/door-rush.mjs').Result },
 *   'door-rush-pg': { args: import('../load/door-rush-pg.mjs').Args, result: import('../load/door-rush-pg.mjs').Result },
 *   lighthouse: { args: import('../load/lighthouse.mjs').Args, result: import('../load/lighthouse.mjs').Result },
 *   'live-orders': { args: import('../load/live-orders.mjs').Args, result: import('../load/live-orders.mjs').Result },
 *   'public-menu': { args: import('../load/public-menu.mjs').Args, result: import('../load/public-menu.mjs').Result },
 * }} LoadScripts
 */
