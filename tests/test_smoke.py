def test_plugin_fixtures_answer_both_services(ssm_client, secretsmanager_client):
    ssm_client.put_parameter(Name="/a", Value="1", Type="String")
    assert ssm_client.get_parameter(Name="/a")["Parameter"]["Value"] == "1"
    secretsmanager_client.create_secret(Name="s", SecretString="v")
    assert secretsmanager_client.get_secret_value(SecretId="s")["SecretString"] == "v"
