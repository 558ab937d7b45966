export const SESSION_COOKIE = 'retos.sid';
