import { describePlatformContract } from '../../../test/support/platform-contract.js';
import { HTTP_APP, SERVICE } from '../src/app.definition.js';
import { AppModule } from '../src/app.module.js';

describePlatformContract('customer-service', SERVICE, AppModule, HTTP_APP);
