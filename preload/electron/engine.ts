import { contextBridge } from 'electron';
import { ENGINE_API_GLOBAL } from '../../common/contract/api';
import { apiFor } from '../expose';
import { electronTransport } from './transport';

contextBridge.exposeInMainWorld(ENGINE_API_GLOBAL, apiFor('engine', electronTransport));
