import { describePlatformContract } from '../../../test/support/platform-contract.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

describePlatformContract('medical-records', SERVICE, AppModule, HTTP_APP);
