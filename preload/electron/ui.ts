import { contextBridge } from 'electron';
import { UI_API_GLOBAL } from '../../common/contract/api';
import { apiFor } from '../expose';
import { electronTransport } from './transport';

contextBridge.exposeInMainWorld(UI_API_GLOBAL, apiFor('ui', electronTransport));
