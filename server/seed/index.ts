export { demoChallenges } from './demo-challenges.ts';
export { isDatabaseEmpty, seedDemoData } from './seed-demo-data.ts';
