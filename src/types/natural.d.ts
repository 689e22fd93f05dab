// natural's deep modules (imported one by one: `require('natural')` costs ~1 s and reads ./.env) have no types.
declare module 'natural/lib/natural/distance/dice_coefficient.js' {
  /** Dice coefficient of the two strings' character-bigram sets, in [0, 1]. */
  const diceCoefficient: (a: string, b: string) => number;
  export default diceCoefficient;
}
