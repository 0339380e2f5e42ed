import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './bridge/api';
import { tagCalls } from './bridge/tag-calls';
import { App } from './frame/App';
import { useApp } from './store/app-store';
import { applyCachedTheme } from './store/theme';
import './styles/theme.css';
import './styles/app.css';

applyCachedTheme();
const api = connectApi((connection) => useApp.getState().setConnection(connection));
void useApp.getState().attach(tagCalls(api));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
