// The renderer's only door to the main process. The typed API grows with the shell issue.
import { contextBridge } from 'electron';

const api = {
  platform: process.platform,
};

export type NotifyChainApi = typeof api;

contextBridge.exposeInMainWorld('notifychain', api);
