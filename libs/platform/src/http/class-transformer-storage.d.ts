// class-transformer keeps its @Type metadata in this CommonJS singleton (the instance its decorators
// write to); the package ships its type only under types/.
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage.js').MetadataStorage;
}
