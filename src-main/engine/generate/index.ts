// The synthetic dovecot log generator: for the benchmark, the tests' ground truth and the sample data.
export { generateCase, streamCase, CaseStream, type GeneratedCase, type GeneratedLine } from './generator';
export { writeRotatedLogs, writeSingleLog, weeklyRotations, type RotationOptions, type WrittenFile, type WrittenLogs } from './write';
export { runGenerate, TRUTH_FILE, type GenerateArgs } from './command';
export { openCountryLocator } from './locate';
export { truthForRange, type GeneratedTruth, type TruthDay, type TruthIp, type TruthLines, type TruthPeriod, type TruthSwarm, type TruthValue, type LineKind } from './truth';
export type { DovecotShape, GenerateOptions, Passdb, ShapePeriod, StampStyle, SwarmOptions } from './options';
