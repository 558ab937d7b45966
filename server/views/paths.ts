import { projectPath } from '../lib/index.ts';

export const viewsDir = projectPath('views');
export const publicDir = projectPath('public');
