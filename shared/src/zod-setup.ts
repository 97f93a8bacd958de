import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Chinese default messages for every schema that does not name its own.
z.config(zhCN());
