import { UI_API_GLOBAL } from '../../common/contract/api';
import { uiApi } from '../expose';
import { createWebSocketTransport } from './wsTransport';

// Frozen like a contextBridge object, so page code cannot swap methods out.
Object.defineProperty(window, UI_API_GLOBAL, { value: Object.freeze(uiApi(createWebSocketTransport('ui'))) });
