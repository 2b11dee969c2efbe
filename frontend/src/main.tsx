/** Entry point: styles, then the app mounted on #root. */
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import './styles/designer.css';
import './styles/runs.css';
import './styles/catalog.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
