export * from './model';
export * from './channels';
export * from './wire';
export * from './api';
