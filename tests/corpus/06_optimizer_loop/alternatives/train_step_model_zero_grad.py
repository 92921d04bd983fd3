# why: clears the gradients through the model (model.zero_grad()) and uses the functional spelling of the loss call
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    model.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
