import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const viewsDir = path.join(root, 'views');
export const publicDir = path.join(root, 'public');
