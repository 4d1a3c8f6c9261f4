import 'leaflet/dist/leaflet.css';
import './styles/base.css';
import './styles/map.css';
import './styles/top-bar.css';
import './styles/panels.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
