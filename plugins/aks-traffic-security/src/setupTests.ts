import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Material Table takes seconds to render in jsdom when other jobs share the
// CPU, so the default 1 s wait of findBy queries fails tests spuriously.
configure({ asyncUtilTimeout: 10_000 });
