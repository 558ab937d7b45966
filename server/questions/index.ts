// Public questions and answers on a challenge.
export { questionsOnChallengePage } from './challenge-section.ts';
export { questionRoutes } from './routes.ts';
export { answerQuestion, askQuestion } from './service.ts';
