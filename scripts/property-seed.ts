// Property tests draw from one fixed seed so `npm test` checks the same cases every run; `npm run fuzz` draws fresh ones.
import fc from 'fast-check';

/** The seed `npm test` uses; a fuzz run takes the clock's and fast-check prints it with any counterexample. */
const FIXED_SEED = 20261206;

fc.configureGlobal({ seed: process.env.EMEND_FUZZ ? Date.now() % 2 ** 31 : FIXED_SEED });
