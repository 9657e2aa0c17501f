// `@taskloom/sdk/json`: pure JSON helpers with no other dependency, so the
// engine can share them without taking in the rest of the SDK.
export { toPlainJson, type PlainJson } from './to-plain-json';
