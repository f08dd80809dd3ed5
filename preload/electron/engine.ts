import { contextBridge } from 'electron';
import { ENGINE_API_GLOBAL } from '../../common/contract/api';
import { engineApi } from '../expose';
import { electronTransport } from './transport';

contextBridge.exposeInMainWorld(ENGINE_API_GLOBAL, engineApi(electronTransport));
