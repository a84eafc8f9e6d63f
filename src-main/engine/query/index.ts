// The queries behind EngineApi, one module per family. Each takes the open CaseStore first.
export { overview } from './overview';
export { brushColumns } from './brush-columns';
export { summary } from './summary';
export { perDay, perHour } from './timeline';
export { countries } from './countries';
export { ips } from './ips';
export { users, passwords } from './values';
export { histogram } from './histogram';
export { incidents } from './incidents';
export { services } from './services';
export { ipDetail } from './ip-detail';
export { planSelection } from './selection';
export { ipTotals } from './per-ip';
