// The package's entry: importing it defines <mnist-playground> and gives the API.
//   import { createPlayground } from 'mnist-playground';
export { MnistPlaygroundElement } from './element.js';
export { createPlayground } from './api.js';
export { registerOffline } from './app/offline.js';
