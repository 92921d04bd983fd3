# mistake: keeps the layers in a plain Python list, so nothing is registered
# targets: test_mlp
# %% mlp
class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.layers = [nn.Linear(in_features, hidden), nn.ReLU(), nn.Dropout(p), nn.Linear(hidden, out_features)]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x
