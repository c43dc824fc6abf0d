"""DeleteParameter and DeleteParameters."""

from kv_mock.services.ssm.names import INVALID_NAME_MESSAGE


def test_delete_removes_the_parameter_and_its_tags(put, ssm_client, aws_error):
    put("/a", Tags=[{"Key": "k", "Value": "v"}])
    ssm_client.delete_parameter(Name="/a")
    assert aws_error(ssm_client.get_parameter, Name="/a")[0] == "ParameterNotFound"
    put("/a")
    assert ssm_client.list_tags_for_resource(ResourceType="Parameter", ResourceId="/a")[
        "TagList"
    ] == []


def test_delete_missing_is_not_found_without_a_message(ssm_client, aws_error):
    assert aws_error(ssm_client.delete_parameter, Name="/nope") == (
        "ParameterNotFound", "", 400
    )


def test_delete_with_invalid_name(ssm_client, aws_error):
    assert aws_error(ssm_client.delete_parameter, Name="bad name!") == (
        "ValidationException", INVALID_NAME_MESSAGE, 400
    )


def test_delete_parameters_reports_deleted_and_invalid(put, ssm_client):
    put("/a")
    put("/b")
    response = ssm_client.delete_parameters(Names=["/a", "/missing", "/b", "bad name!"])
    assert response["DeletedParameters"] == ["/a", "/b"]
    assert response["InvalidParameters"] == ["/missing", "bad name!"]


def test_delete_parameters_takes_at_most_ten_names(ssm_client, aws_error):
    names = [f"/n{i}" for i in range(11)]
    code, message, status = aws_error(ssm_client.delete_parameters, Names=names)
    assert (code, status) == ("ValidationException", 400)
    assert message.endswith(
        "at 'names' failed to satisfy constraint: Member must have length less than or "
        "equal to 10"
    )
