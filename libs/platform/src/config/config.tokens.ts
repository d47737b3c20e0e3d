export const APP_CONFIG = Symbol('APP_CONFIG');
/** The service this process serves: 'risk', 'medical', 'support' or 'inference' (its schema name). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
