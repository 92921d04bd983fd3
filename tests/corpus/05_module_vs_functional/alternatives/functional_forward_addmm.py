# why: torch.addmm(bias, x, weight.t()) is the fused form of F.linear; F.relu after dropout is equivalent
# %% functional_forward
def functional_forward(x, params, p, training):
    h = torch.addmm(params["fc1.bias"], x, params["fc1.weight"].t())
    h = F.relu(F.dropout(h, p=p, training=training))
    return torch.addmm(params["fc2.bias"], h, params["fc2.weight"].t())
