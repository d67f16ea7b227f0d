import ArgumentParser
import Configuration
import Foundation

extension ServiceConfiguration {
    /// The configuration of this process's environment; a bad setting ends the command with one
    /// line per problem on standard error and exit code 1.
    static func fromEnvironment() throws -> ServiceConfiguration {
        do {
            return try load(from: ConfigReader(provider: EnvironmentVariablesProvider()))
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode.failure
        }
    }
}
