export { demoChallenges } from './demo-challenges.ts';
export { checkDemoRepository, demoRepositories, type DemoRepository } from './demo-repositories.ts';
export { isDatabaseEmpty, seedDemoData, type SeedOptions } from './seed-demo-data.ts';
