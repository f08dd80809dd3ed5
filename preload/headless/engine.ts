import { ENGINE_API_GLOBAL } from '../../common/contract/api';
import { engineApi } from '../expose';
import { createWebSocketTransport } from './wsTransport';

Object.defineProperty(window, ENGINE_API_GLOBAL, { value: Object.freeze(engineApi(createWebSocketTransport('engine'))) });
