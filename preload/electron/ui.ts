import { contextBridge } from 'electron';
import { UI_API_GLOBAL } from '../../common/contract/api';
import { uiApi } from '../expose';
import { electronTransport } from './transport';

contextBridge.exposeInMainWorld(UI_API_GLOBAL, uiApi(electronTransport));
